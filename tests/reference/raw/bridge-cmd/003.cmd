bridge help
