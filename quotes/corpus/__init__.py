"""The corpus step: speaker index, utterance grouping, relations and word diffs."""
