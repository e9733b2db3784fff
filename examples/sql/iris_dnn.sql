-- Train and predict on the iris sample data from sqlline. Run with
--   java -cp driver/target/sqlflow-jdbc.jar:sqlline-1.12.0-jar-with-dependencies.jar sqlline.SqlLine \
--     -u jdbc:sqlflow://localhost:8765 -n "" -p "" --incremental=true --maxWidth=200 \
--     -f examples/sql/iris_dnn.sql
-- (--incremental=true makes sqlline print each log row as it arrives; --maxWidth matters
-- when the output is not a terminal, where sqlline would otherwise assume a width of 0.)
SELECT COUNT(*) AS training_rows FROM iris.train;
SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3, model.hidden_units = [10, 20], train.epoch = 10 COLUMN sepal_length, sepal_width, petal_length, petal_width LABEL class INTO sqlflow_models.my_dnn;
SHOW TRAIN sqlflow_models.my_dnn;
SELECT * FROM iris.test TO PREDICT iris.predict.class USING sqlflow_models.my_dnn;
SELECT * FROM iris.predict LIMIT 5;
