"""Review before publishing: the states an item goes through, who may move it, and its revisions."""
