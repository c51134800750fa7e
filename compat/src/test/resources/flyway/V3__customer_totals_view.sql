CREATE VIEW customer_totals AS
  SELECT c.id, c.name, COUNT(o.id) AS orders, SUM(o.total) AS spent
  FROM customer c LEFT JOIN orders o ON o.customer_id = c.id
  GROUP BY c.id, c.name;
