"""Rule functions: language-agnostic logic over element and cue matches (see patterns/README.md)."""
