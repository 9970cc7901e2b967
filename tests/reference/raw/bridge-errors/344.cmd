bridge bogus
