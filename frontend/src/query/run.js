// Running a query: one fetch to /sparql with a PASB-Query-Id, a clock while it runs, and
// a cancel that asks the service to stop the worker (POST /sparql/cancel) before it
// drops the request.

function newId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return "q" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The body of a protocol request: the query, the scope's graphs (as the default graph and
// as the named graphs), the variable bindings.
export function protocolBody({query, graphs, bindings}) {
  const body = new URLSearchParams({query});
  for (const graph of graphs || []) body.append("default-graph-uri", graph);
  for (const graph of graphs || []) body.append("named-graph-uri", graph);
  for (const [name, value] of Object.entries(bindings || {})) body.append("$" + name, value);
  return body;
}

export class Runner {
  constructor({endpoint, cancelUrl}) {
    this.endpoint = endpoint;
    this.cancelUrl = cancelUrl;
    this.current = null;
  }

  get running() { return this.current !== null; }

  // Resolves to {response, body, ms} or {cancelled: true, ms}; rejects on a network error.
  async run(request, {accept, onTick}) {
    await this.cancel();
    const id = newId(), controller = new AbortController(), started = performance.now();
    const run = {id, controller, started, cancelled: false};
    this.current = run;
    const tick = setInterval(() => onTick(performance.now() - started), 100);
    onTick(0);
    try {
      const response = await fetch(this.endpoint, {
        method: "POST", signal: controller.signal, body: protocolBody(request),
        headers: {"Accept": accept, "PASB-Query-Id": id},
      });
      const body = await response.text();
      return {response, body, ms: Math.round(performance.now() - started)};
    } catch (err) {
      if (run.cancelled) return {cancelled: true, ms: Math.round(performance.now() - started)};
      throw err;
    } finally {
      clearInterval(tick);
      if (this.current === run) this.current = null;
    }
  }

  // Stop the running query: the service kills its worker, then the request is dropped.
  async cancel() {
    const run = this.current;
    if (!run) return false;
    run.cancelled = true;
    this.current = null;
    try {
      await fetch(this.cancelUrl, {method: "POST", body: new URLSearchParams({id: run.id}),
                                   keepalive: true});
    } finally {
      run.controller.abort();
    }
    return true;
  }

  // When the page goes away mid-query, ask the service to stop it all the same.
  cancelOnLeave() {
    if (this.current) {
      navigator.sendBeacon(this.cancelUrl, new URLSearchParams({id: this.current.id}));
    }
  }
}

// A plain fetch of the same request in another format (N-Triples, Turtle) for a view.
export async function fetchAs(endpoint, request, accept) {
  const response = await fetch(endpoint, {method: "POST", body: protocolBody(request),
                                          headers: {"Accept": accept}});
  return response.ok ? response.text() : Promise.reject(new Error(await response.text()));
}
