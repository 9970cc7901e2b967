mcsend h1 mldq 1; sleep 0.2   # MLDv1 query from h1
