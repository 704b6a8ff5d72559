// github report: to be written.
