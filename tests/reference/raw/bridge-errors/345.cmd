bridge -bogus link
