// Read a GraphML file with graphology-graphml (the parser Gephi Lite uses) and print what it
// saw as JSON: {nodes, edges, labels, weights, colors, types, edgeLabels, multi}.
// Usage: node read_graphml.mjs FILE
import { readFileSync } from "node:fs";
import Graph from "graphology";
import graphml from "graphology-graphml";

const graph = graphml.parse(Graph, readFileSync(process.argv[2], "utf8"));
const out = {
  nodes: graph.order, edges: graph.size, type: graph.type, multi: graph.multi,
  labels: {}, colors: {}, types: {}, weights: {}, edgeLabels: {},
};
graph.forEachNode((node, attrs) => {
  out.labels[node] = attrs.label;
  out.colors[node] = attrs.color;
  out.types[node] = attrs.type;
});
graph.forEachEdge((edge, attrs) => {
  out.weights[edge] = attrs.weight;
  out.edgeLabels[edge] = attrs.label;
});
process.stdout.write(JSON.stringify(out) + "\n");
