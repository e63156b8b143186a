// What read_graphml.mjs and read_gexf.mjs print: the graph graphology parsed, as JSON
// {nodes, edges, type, multi, labels, colors, types, weights, edgeLabels}, plus any per-edge
// attributes named in `edgeAttributes` (e.g. {edgeKinds: "kind"}) and any `extra` fields.
export function summarise(graph, { edgeAttributes = {}, extra = {} } = {}) {
  const out = {
    nodes: graph.order, edges: graph.size, type: graph.type, multi: graph.multi,
    labels: {}, colors: {}, types: {}, weights: {}, edgeLabels: {},
  };
  for (const field of Object.keys(edgeAttributes)) out[field] = {};
  graph.forEachNode((node, attrs) => {
    out.labels[node] = attrs.label;
    out.colors[node] = attrs.color;
    out.types[node] = attrs.type;
  });
  graph.forEachEdge((edge, attrs) => {
    out.weights[edge] = attrs.weight;
    out.edgeLabels[edge] = attrs.label;
    for (const [field, name] of Object.entries(edgeAttributes)) out[field][edge] = attrs[name];
  });
  return Object.assign(out, extra);
}

// Print the summary as one line of JSON (what the Python tests read).
export function printSummary(graph, options) {
  process.stdout.write(JSON.stringify(summarise(graph, options)) + "\n");
}
