// Read a GEXF file with graphology-gexf (the parser Gephi Lite uses) and print what it saw as
// JSON: {nodes, edges, labels, weights, colors, edgeLabels, multi}, plus what graphology does not
// keep, read from the same DOM (@xmldom/xmldom, the parser graphology-gexf runs on): the graph's
// mode and timeformat and each node's and edge's start/end.
// Usage: node read_gexf.mjs FILE
import { readFileSync } from "node:fs";
import Graph from "graphology";
import gexf from "graphology-gexf";
import { DOMParser } from "@xmldom/xmldom";
import { printSummary } from "./summary.mjs";

const text = readFileSync(process.argv[2], "utf8");
const graph = gexf.parse(Graph, text);

const doc = new DOMParser().parseFromString(text, "application/xml");
const root = doc.getElementsByTagName("graph")[0];
const spans = (tag) => {
  const found = {};
  const elements = doc.getElementsByTagName(tag);
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    if (el.hasAttribute("start") || el.hasAttribute("end")) {
      found[el.getAttribute("id")] = [el.getAttribute("start") || null, el.getAttribute("end") || null];
    }
  }
  return found;
};
printSummary(graph, {
  edgeAttributes: { edgeKinds: "kind" },
  extra: {
    mode: root.getAttribute("mode"),
    timeformat: root.getAttribute("timeformat"),
    nodeSpans: spans("node"),
    edgeSpans: spans("edge"),
  },
});
