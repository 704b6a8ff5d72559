// markdown report: to be written.
