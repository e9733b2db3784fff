"""The baseline feed: a Python program reading a table straight from MySQL with PyMySQL into
float64 numpy arrays, as a training program without our feed would. Prints 'rows <n> seconds <s>'."""
import sys
import time

import numpy as np
import pymysql


def main():
    host, port, user, password, database, select = sys.argv[1:7]
    started = time.perf_counter()
    connection = pymysql.connect(host=host, port=int(port), user=user, password=password,
                                 database=database)
    try:
        with connection.cursor() as cursor:
            cursor.execute(select)
            rows = cursor.fetchall()
            names = [d[0] for d in cursor.description]
    finally:
        connection.close()
    matrix = np.array(rows, dtype="<f8")
    columns = {name: matrix[:, i] for i, name in enumerate(names)}
    elapsed = time.perf_counter() - started
    total = sum(float(values.sum()) for values in columns.values())
    print("rows %d seconds %.6f checksum %.6g" % (len(rows), elapsed, total))


if __name__ == "__main__":
    main()
