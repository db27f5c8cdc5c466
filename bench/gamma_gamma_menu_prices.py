"""Can the simulator plant a Gamma-Gamma spend through its menu prices?

Draws N customers as the Gamma-Gamma model has them (spend level nu ~ Gamma(q,
rate v); each purchase's target spend ~ Gamma(p, rate nu)) on distinct days of
2025, and writes two transactions CSVs: the targets themselves (continuous) and
each target replaced by the nearest order a customer could pay from the US list
prices (the ICL $2.99 and the drinks' $3.45-$7.95; sums of one to three items:
discrete). `luckyhub model bgnbd --amount-col a` then fits both.

    python3 bench/gamma_gamma_menu_prices.py P Q V N   # writes gg_continuous.csv, gg_discrete.csv
"""
import bisect
import datetime
import itertools
import random
import sys

PRICES = [2.99] + [c / 100 for c in (345, 350, 375, 395, 415, 425, 445, 465, 475, 495, 505, 515, 525, 535, 545, 555,
                                     565, 575, 585, 595, 605, 615, 625, 635, 645, 655, 675, 685, 695, 705, 735, 765, 795)]
SUMS = sorted({round(sum(c), 2) for k in (1, 2, 3) for c in itertools.combinations_with_replacement(PRICES, k)})


def nearest_order(z):
    i = bisect.bisect_left(SUMS, z)
    return min(SUMS[max(0, i - 1):i + 1], key=lambda s: abs(s - z))


def main():
    p, q, v, n = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    start = datetime.date(2025, 1, 1)
    for mode in ("continuous", "discrete"):
        rng = random.Random(7)  # the same draws for both files
        with open(f"gg_{mode}.csv", "w") as out:
            out.write("c,d,a\n")
            for c in range(n):
                nu = rng.gammavariate(q, 1 / v)
                repeats = 1 + min(8, int(rng.expovariate(1 / 3)))
                for d in sorted(rng.sample(range(300), repeats + 1)):
                    z = rng.gammavariate(p, 1 / nu)
                    if mode == "discrete":
                        z = nearest_order(z)
                    out.write(f"{c},{start + datetime.timedelta(days=d)},{z:.2f}\n")


if __name__ == "__main__":
    main()
