bridge link help
