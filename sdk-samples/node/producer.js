#!/usr/bin/env node
// Posts CloudEvents to a Switchboard broker with the npm `cloudevents` package, in binary, structured or batch
// content mode, and prints one line per request: "<mode> <status> <ids>". Exits 1 when any answer is not 2xx.
//
//   node producer.js [--url URL] [--mode binary|structured|batch] [--count N]
//                    [--type TYPE] [--source SOURCE] [--data JSON]
//
// The broker URL is --url, else $K_SINK (the Knative sink convention), else http://127.0.0.1:8080/default/default.
"use strict";

const { parseArgs } = require("node:util");
const { CloudEvent, HTTP } = require("cloudevents");

const { values: options } = parseArgs({
  options: {
    url: { type: "string", default: process.env.K_SINK || "http://127.0.0.1:8080/default/default" },
    mode: { type: "string", default: "binary" },
    count: { type: "string", default: "1" },
    type: { type: "string", default: "com.example.order.placed" },
    source: { type: "string", default: "/samples/node-producer" },
    data: { type: "string" },
  },
});

function newEvent(n) {
  // tag::build-event[]
  return new CloudEvent({
    type: options.type,
    source: options.source,
    datacontenttype: "application/json",
    data: options.data ? JSON.parse(options.data) : { orderId: `N-${n}` },
  });
  // end::build-event[]
}

// tag::send-binary[]
async function sendBinary(url, event) {
  const message = HTTP.binary(event); // ce-* headers, data as the body
  return fetch(url, { method: "POST", headers: message.headers, body: message.body });
}
// end::send-binary[]

// tag::send-structured[]
async function sendStructured(url, event) {
  const message = HTTP.structured(event); // application/cloudevents+json
  return fetch(url, { method: "POST", headers: message.headers, body: message.body });
}
// end::send-structured[]

// tag::send-batch[]
async function sendBatch(url, events) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/cloudevents-batch+json" },
    body: JSON.stringify(events), // each CloudEvent serializes as its JSON format
  });
}
// end::send-batch[]

async function main() {
  if (!["binary", "structured", "batch"].includes(options.mode)) {
    throw new Error(`unknown --mode ${options.mode}: binary, structured or batch`);
  }
  const count = Number.parseInt(options.count, 10);
  const events = Array.from({ length: count }, (_, n) => newEvent(n + 1));
  const requests =
    options.mode === "batch"
      ? [{ ids: events.map((e) => e.id), send: () => sendBatch(options.url, events) }]
      : events.map((e) => ({
          ids: [e.id],
          send: () => (options.mode === "structured" ? sendStructured : sendBinary)(options.url, e),
        }));
  let failed = false;
  for (const request of requests) {
    const response = await request.send();
    const body = await response.text();
    console.log(`${options.mode} ${response.status} ${request.ids.join(",")}${body ? " " + body : ""}`);
    failed ||= !response.ok;
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(`producer failed: ${error.message}`);
  process.exitCode = 1;
});
