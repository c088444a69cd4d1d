"""`--workers auto`: one process per core for large inputs, one for small ones."""
from click.testing import CliRunner

from conftest import SEEDS
from quotes.cli import cli
from quotes.run.parallel import MAX_AUTO_WORKERS, auto_workers


def test_auto_workers_follow_the_input_size_and_the_cores():
    assert auto_workers(5, cpus=8) == 1  # a second model load costs more than it saves
    assert auto_workers(10_000, cpus=1) == 1
    assert auto_workers(300, cpus=2) == 2
    assert auto_workers(10_000, cpus=64) == MAX_AUTO_WORKERS
    assert auto_workers(250, cpus=8) == 2  # a few hundred documents: a few processes


def test_workers_option_takes_a_number_or_auto():
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(SEEDS / "004_4517ef6bbb3d0375.txt"), "--workers", "auto", "--jsonl"])
    assert result.exit_code == 0, result.output
    for bad in ("0", "many"):
        result = runner.invoke(cli, ["extract", str(SEEDS), "--workers", bad])
        assert result.exit_code == 2 and "--workers" in result.output
