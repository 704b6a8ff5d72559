// sarif report: to be written.
