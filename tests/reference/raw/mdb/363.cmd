ip -n uvnr-br link xstats type bridge bogus
