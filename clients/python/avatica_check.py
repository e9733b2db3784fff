"""Reads the SQLFlow server through phoenixdb, as a Python program would, and prints what it
read in a form the Java integration test (StockClientsIT) compares with the database's own
answers.

Usage:
    avatica_check.py URL query SQL    one line per value: row<TAB>column<TAB>value
    avatica_check.py URL params       binds ? parameters and prints the row read back
    avatica_check.py URL log SQL      one line per log row of an extended statement
"""
import datetime
import decimal
import os
import sys

import phoenixdb


def show(value):
    """NULL, numbers in their shortest form, bytes as 0x-hex, times to the millisecond."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, decimal.Decimal)):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if isinstance(value, datetime.datetime):
        # phoenixdb divides milliseconds by 1000.0: round back to the nearest millisecond.
        value += datetime.timedelta(microseconds=500)
        return value.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (value.microsecond // 1000)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S.") + "%03d" % (value.microsecond // 1000)
    return str(value)


def print_rows(cursor):
    names = [column.name for column in cursor.description]
    for row_number, row in enumerate(cursor.fetchall(), start=1):
        for name, value in zip(names, row):
            print("%d\t%s\t%s" % (row_number, name, show(value)))


def main():
    url, mode = sys.argv[1], sys.argv[2]
    # A server that requires logins gets them as phoenixdb's users give them: HTTP BASIC.
    login = {}
    if os.environ.get("SQLFLOW_USER"):
        login = dict(authentication="BASIC", avatica_user=os.environ["SQLFLOW_USER"],
                     avatica_password=os.environ.get("SQLFLOW_PASSWORD", ""))
    connection = phoenixdb.connect(url, autocommit=True, **login)
    try:
        cursor = connection.cursor()
        if mode in ("query", "log"):
            cursor.execute(sys.argv[3])
        elif mode == "params":
            # MySQL cannot tell a parameter's type before it is bound: the server announces
            # text, so values are bound as text and MySQL converts them.
            cursor.execute("SELECT ? + 1, ?, CAST(? AS DATE)", ("41", "text", "2024-01-02"))
        else:
            raise SystemExit("unknown mode " + mode)
        print_rows(cursor)
    finally:
        connection.close()


if __name__ == "__main__":
    main()
