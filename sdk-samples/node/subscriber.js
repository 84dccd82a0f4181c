#!/usr/bin/env node
// A trigger's subscriber with the npm `cloudevents` package: logs every delivered event (binary or structured) and
// answers 200 with a reply event in binary mode, which Switchboard publishes into the same broker (docs/delivery.md "Reply").
// Replies are not answered with replies (204); a request that is not a CloudEvent gets 400 (no retry).
//
//   HOST=0.0.0.0 PORT=8080 node subscriber.js
"use strict";

const http = require("node:http");
const { CloudEvent, HTTP } = require("cloudevents");

const host = process.env.HOST || "0.0.0.0";
const port = Number.parseInt(process.env.PORT || "8080", 10);
const REPLY_TYPE = "com.example.order.acknowledged";

// tag::reply[]
function replyTo(event) {
  return new CloudEvent({
    type: REPLY_TYPE,
    source: "/samples/node-subscriber",
    subject: event.id,
    datacontenttype: "application/json",
    data: { acknowledged: event.id },
  });
}
// end::reply[]

// tag::receive[]
function handle(request, body, response) {
  let event;
  try {
    event = HTTP.toEvent({ headers: request.headers, body });
  } catch (error) {
    response.writeHead(400, { "content-type": "text/plain" }).end(`not a CloudEvent: ${error.message}`);
    return;
  }
  console.log(`received ${event.type} ${event.id} from ${event.source}: ${JSON.stringify(event.data)}`);
  if (event.type === REPLY_TYPE) {
    response.writeHead(204).end();
    return;
  }
  const reply = HTTP.binary(replyTo(event));
  response.writeHead(200, reply.headers).end(reply.body);
}
// end::receive[]

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => handle(request, Buffer.concat(chunks).toString("utf8"), response));
});

server.listen(port, host, () => console.log(`listening on ${host}:${server.address().port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
