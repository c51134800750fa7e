INSERT INTO greeting (id, name) VALUES (1, 'hello');
INSERT INTO greeting (id, name) VALUES (2, 'world');
