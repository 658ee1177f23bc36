use super::*;

#[test]
fn debug_small() {
    let s = generate::landscape(100, 1);
    let g = Graph::new(&s.input);
    let ranking = rank::rank(g.node_size.len(), &g.edges);
    let rev = ranking.reversed.iter().filter(|&&r| r).count();
    let maxr = ranking.rank.iter().max().unwrap();
    let span: usize = g
        .edges
        .iter()
        .map(|e| ranking.rank[e.1].abs_diff(ranking.rank[e.2]))
        .sum();
    eprintln!("reversed {rev} maxrank {maxr} span {span}");
}
