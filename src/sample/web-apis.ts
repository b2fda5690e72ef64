import type { DomainDraft } from '../storage/domain-drafts';

/**
 * The sample domain offered on first run. Each definition avoids the words of its
 * prompt, so that an answer has to explain the idea rather than repeat the term.
 */
export const WEB_APIS_SAMPLE: DomainDraft = {
  name: 'Web APIs',
  description: 'Interfaces that browsers give to web pages: networking, storage, and the page itself.',
  subdomains: [
    {
      name: 'Networking',
      scope: 'How a page talks to servers and which requests the browser allows.',
      terms: [
        {
          prompt: 'API',
          definitions: [
            'A contract that lets two pieces of software talk to each other: it fixes which requests one program may make of another and what it gets back.',
            'An agreed interface through which one program uses the services of another without knowing how they are built.',
          ],
        },
        {
          prompt: 'HTTP request method',
          definitions: [
            'The verb at the start of an HTTP request, such as GET or POST, that tells the server what kind of action the client wants on the resource.',
          ],
        },
        {
          prompt: 'HTTP status code',
          definitions: [
            "A three-digit number in a server's reply that tells the client whether the request succeeded, was redirected, or failed, and whether the fault was the client's or the server's.",
          ],
        },
        {
          prompt: 'fetch()',
          definitions: [
            'A browser function that sends a network request and returns a promise that resolves to the response, replacing the older XMLHttpRequest.',
          ],
        },
        {
          prompt: 'Same-origin policy',
          definitions: [
            'A browser security rule that stops a script loaded from one site from reading responses from another site, unless both share scheme, host and port.',
          ],
        },
        {
          prompt: 'CORS',
          definitions: [
            "A mechanism in which a server sends response headers that tell the browser which other sites' scripts may read its responses, relaxing the browser's default isolation between sites.",
          ],
        },
        {
          prompt: 'WebSocket',
          definitions: [
            'A protocol that keeps a single connection open between browser and server, so that either side can send messages at any time without a new request for each one.',
          ],
        },
      ],
    },
    {
      name: 'Storage',
      scope: 'Where a page can keep data in the browser, and for how long.',
      terms: [
        {
          prompt: 'localStorage',
          definitions: [
            'A small, synchronous key-value store of strings that a site keeps in the browser and that survives closing the tab and restarting the browser.',
          ],
        },
        {
          prompt: 'sessionStorage',
          definitions: [
            'A key-value store of strings that lasts only as long as the browser tab that created it and is not shared with other tabs.',
          ],
        },
        {
          prompt: 'IndexedDB',
          definitions: [
            'A transactional database built into the browser that stores large amounts of structured data, including files, and is queried through indexes with asynchronous requests.',
          ],
        },
        {
          prompt: 'Cookie',
          definitions: [
            'A small piece of data that a server asks the browser to keep and that the browser sends back with later requests to that server, often to keep a user signed in.',
          ],
        },
        {
          prompt: 'Cache Storage',
          definitions: [
            'A store of request and response pairs that a page or service worker fills and reads, so that resources can be served later without going to the network.',
          ],
        },
      ],
    },
    {
      name: 'The page and background scripts',
      scope: 'How scripts change the page, react to the user, and run work off the main thread.',
      terms: [
        {
          prompt: 'DOM',
          definitions: [
            "The tree of objects that the browser builds from a page's HTML, which scripts read and change to update what the user sees.",
          ],
        },
        {
          prompt: 'Event listener',
          definitions: [
            'A function attached to an element or other object that the browser calls each time a particular kind of occurrence, such as a click or a key press, happens there.',
          ],
        },
        {
          prompt: 'Web Worker',
          definitions: [
            'A script that runs on a background thread, apart from the page, so that long computations do not freeze the user interface; it exchanges messages with the page instead of touching it.',
          ],
        },
        {
          prompt: 'Service worker',
          definitions: [
            'A script that the browser runs in the background between a site and the network, able to intercept requests and answer them from a cache so that the site keeps working offline.',
          ],
        },
        {
          prompt: 'requestAnimationFrame()',
          definitions: [
            'A function that asks the browser to call a given callback just before it next repaints the screen, which keeps animations smooth and pauses them in hidden tabs.',
          ],
        },
        {
          prompt: 'Geolocation API',
          definitions: [
            "A browser interface that, with the user's permission, reports the device's physical position as latitude and longitude.",
          ],
        },
      ],
    },
  ],
};
