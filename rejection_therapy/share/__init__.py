"""Progress snapshots to share: txt, md, svg, html and json, private by default."""
