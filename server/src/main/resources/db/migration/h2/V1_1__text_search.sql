-- H2 runs the demo-sized default; a plain scan serves text search there (see postgresql/V1_1).
SELECT 1;
