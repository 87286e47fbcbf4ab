"""One spider per source family; each module's spider is named after the module stem."""
