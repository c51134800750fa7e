--liquibase formatted sql

--changeset borealis:1
CREATE TABLE greeting (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL);

--changeset borealis:2
INSERT INTO greeting (id, name) VALUES (1, 'hello');
INSERT INTO greeting (id, name) VALUES (2, 'world');
