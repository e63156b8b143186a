// Read a GraphML file with graphology-graphml (the parser Gephi Lite uses) and print what it
// saw as JSON: {nodes, edges, labels, weights, colors, types, edgeLabels, multi}.
// Usage: node read_graphml.mjs FILE
import { readFileSync } from "node:fs";
import Graph from "graphology";
import graphml from "graphology-graphml";
import { printSummary } from "./summary.mjs";

printSummary(graphml.parse(Graph, readFileSync(process.argv[2], "utf8")));
