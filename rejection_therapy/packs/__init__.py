"""Loading and validating YAML challenge packs (built-in and the person's own)."""
