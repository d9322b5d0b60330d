#!/usr/bin/env python3
"""Run `claimlex batch` over a JSON-lines corpus on Apache Spark, through RDD.pipe.

Spark splits the corpus into partitions; each task pipes its partition's lines through one
`claimlex batch` process (JSON lines on standard input, one JSON record per input record on
standard output) and the records it writes become the output RDD. claimlex is the map step;
Spark does the distribution, retries and storage.

    # local mode, with pyspark installed (pip install pyspark)
    python examples/spark_pipe.py --master 'local[*]' --claimlex target/release/claimlex \
        corpus.jsonl out/

    # a cluster: the binary must be at the same path on every worker
    spark-submit --master yarn examples/spark_pipe.py --claimlex /opt/claimlex/bin/claimlex \
        hdfs:///corpora/news.jsonl.gz hdfs:///claimlex/news/

Input lines are `{"id", "text", ...}` (other field names with --batch-args '--id-field doc
--text-field body'); gzip input works as Spark's textFile reads it (one partition per .gz file).
A bad record gives an error record, not a failed task: claimlex exits 1 when some record
failed, which is fine here, and 2 when it cannot run at all (a bad lexicon, a bad option),
which fails the task.
"""

import argparse
import json
import os
import shlex

from pyspark import SparkConf, SparkContext


def pipe_command(claimlex, threads, extra):
    """The shell command each task runs: `claimlex batch`, exit status 1 (some records
    failed, each reported in its output record) mapped to success."""
    script = '"$0" batch --quiet --threads "$1" "${@:2}"; s=$?; [ "$s" -le 1 ] || exit "$s"'
    return shlex.join(["bash", "-c", script, claimlex, str(threads)] + shlex.split(extra))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSON lines (plain or .gz), any path Spark's textFile reads")
    ap.add_argument("output", help="directory for the output records (part-* files)")
    ap.add_argument("--claimlex", default="claimlex",
                    help="the claimlex binary: a path valid on every worker, or a name on PATH")
    ap.add_argument("--threads", type=int, default=1,
                    help="claimlex threads per task; give each task as many cores "
                         "(spark.task.cpus) [default: 1]")
    ap.add_argument("--partitions", type=int, default=None,
                    help="at least this many input partitions (tasks)")
    ap.add_argument("--batch-args", default="",
                    help="more arguments for claimlex batch, e.g. '--keep-fields url,date'")
    ap.add_argument("--master", default=None,
                    help="Spark master when not run by spark-submit, e.g. 'local[2]'")
    args = ap.parse_args()

    conf = SparkConf().setAppName("claimlex-batch")
    if args.master:
        conf.setMaster(args.master)
    if args.threads > 1:
        conf.set("spark.task.cpus", str(args.threads))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        claimlex = args.claimlex
        if os.path.sep in claimlex and os.path.exists(claimlex):
            claimlex = os.path.abspath(claimlex)
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        records = lines.pipe(pipe_command(claimlex, args.threads, args.batch_args),
                             checkCode=True)
        records.saveAsTextFile(args.output)

        # A summary from the written records (read back rather than piped twice).
        written = sc.textFile(args.output).map(json.loads)
        errors = written.filter(lambda r: "error" in r).count()
        print(json.dumps({"records": written.count(), "errors": errors}))
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
