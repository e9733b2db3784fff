-- Standard SQL through SQLFlow, passed to the backing database as written.
CREATE TABLE IF NOT EXISTS fruit (id INT PRIMARY KEY, name VARCHAR(20), price DOUBLE);
DELETE FROM fruit;
INSERT INTO fruit VALUES (1, 'apple', 0.5), (2, 'pear', 0.75), (3, 'fig', 1.25);
SELECT name, price FROM fruit ORDER BY price;
SHOW TABLES;
