/** Makes the browser save `text` as a file named `fileName`, through a temporary object URL. */
export function downloadTextFile(fileName: string, text: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers, so wait until it has started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
