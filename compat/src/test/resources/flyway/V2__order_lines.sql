CREATE TABLE order_line (
  order_id INT NOT NULL,
  line_no INT NOT NULL,
  sku VARCHAR(20) NOT NULL,
  qty INT NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT fk_line_order FOREIGN KEY (order_id) REFERENCES orders (id)
);

INSERT INTO customer (id, email, name) VALUES (1, 'ada@example.com', 'Ada'), (2, 'bob@example.com', 'Bob');
INSERT INTO orders (id, customer_id, total, placed) VALUES (10, 1, 12.50, '2024-02-29'), (11, 2, 3.00, '2024-03-01');
INSERT INTO order_line (order_id, line_no, sku, qty) VALUES (10, 1, 'A-1', 2), (10, 2, 'B-2', 1), (11, 1, 'A-1', 1);
