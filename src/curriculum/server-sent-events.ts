/**
 * Incremental parser for a text/event-stream body: feed it decoded text as it arrives and
 * it returns the `data` of each complete event. Multi-line data is joined with "\n", and
 * comments and the event, id and retry fields are ignored, as the HTML standard's
 * event-stream interpretation does.
 */
export class ServerSentEventParser {
  private buffer = '';
  private dataLines: string[] = [];

  push(text: string): string[] {
    this.buffer += text;
    const events: string[] = [];
    let newline = this.nextLineEnd();
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline);
      const skip = this.buffer[newline] === '\r' && this.buffer[newline + 1] === '\n' ? 2 : 1;
      this.buffer = this.buffer.slice(newline + skip);
      this.takeLine(line, events);
      newline = this.nextLineEnd();
    }
    return events;
  }

  /** Returns the last event when the stream ends without the blank line that should close it. */
  finish(): string[] {
    const events: string[] = [];
    if (this.buffer !== '') {
      this.takeLine(this.buffer, events);
      this.buffer = '';
    }
    this.takeLine('', events);
    return events;
  }

  private nextLineEnd(): number {
    const lf = this.buffer.indexOf('\n');
    const cr = this.buffer.indexOf('\r');
    if (cr === -1) {
      return lf;
    }
    // A CR at the very end may be the first half of a CRLF that has not arrived yet.
    if (cr === this.buffer.length - 1) {
      return lf === -1 ? -1 : Math.min(lf, cr);
    }
    return lf === -1 ? cr : Math.min(lf, cr);
  }

  private takeLine(line: string, events: string[]): void {
    if (line === '') {
      if (this.dataLines.length > 0) {
        events.push(this.dataLines.join('\n'));
        this.dataLines = [];
      }
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      this.dataLines.push(value);
    }
  }
}
