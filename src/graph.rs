//! Stage 3: the resolved model as a petgraph graph, for the rules and layouts that
//! need adjacency (orphans, routes through the integration layer, cycles).

use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::Model;

/// Systems as nodes (weight = system index) and touchpoints as edges (weight =
/// touchpoint index). Node `i` is system `i`: both are added in file order.
#[derive(Debug, Clone)]
pub struct LandscapeGraph {
    /// The directed graph.
    pub graph: DiGraph<usize, usize>,
}

impl LandscapeGraph {
    /// The node of system `i`.
    pub fn node(&self, system: usize) -> NodeIndex {
        NodeIndex::new(system)
    }

    /// Number of touchpoints at a system, counting both directions.
    pub fn degree(&self, system: usize) -> usize {
        let n = self.node(system);
        self.graph
            .neighbors_directed(n, petgraph::Direction::Outgoing)
            .count()
            + self
                .graph
                .neighbors_directed(n, petgraph::Direction::Incoming)
                .count()
    }
}

/// Builds the graph; infallible because the model's references are resolved.
pub fn build(model: &Model) -> LandscapeGraph {
    let mut graph = DiGraph::with_capacity(model.systems.len(), model.touchpoints.len());
    for i in 0..model.systems.len() {
        graph.add_node(i);
    }
    for (i, t) in model.touchpoints.iter().enumerate() {
        graph.add_edge(NodeIndex::new(t.from), NodeIndex::new(t.to), i);
    }
    LandscapeGraph { graph }
}
