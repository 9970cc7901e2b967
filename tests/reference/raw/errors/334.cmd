ip help
