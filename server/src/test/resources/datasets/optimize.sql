-- SQLFlow's optimize test data (its optimize_test_db: the woodcarving and transportation
-- cases), loaded by OptimizeMariaDbIT into the test's own database. One statement per ';'.
CREATE TABLE woodcarving (product VARCHAR(255), price BIGINT, materials_cost BIGINT,
  other_cost BIGINT, finishing BIGINT, carpentry BIGINT, max_num BIGINT);
INSERT INTO woodcarving VALUES ('soldier', 27, 10, 14, 2, 1, 40), ('train', 21, 9, 10, 1, 1, 10000);
CREATE TABLE plants_table (plants VARCHAR(255), capacity BIGINT);
INSERT INTO plants_table VALUES ('plantA', 100), ('plantB', 90);
CREATE TABLE markets_table (markets VARCHAR(255), demand BIGINT);
INSERT INTO markets_table VALUES ('marketA', 130), ('marketB', 60);
CREATE TABLE transportation_table (plants VARCHAR(255), markets VARCHAR(255), distance BIGINT);
INSERT INTO transportation_table VALUES ('plantA', 'marketA', 140), ('plantA', 'marketB', 210),
  ('plantB', 'marketA', 300), ('plantB', 'marketB', 90);
