// html report: to be written.
