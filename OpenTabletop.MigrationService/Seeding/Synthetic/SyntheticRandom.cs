namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>What a random stream is used for; each purpose gets its own stream per game.</summary>
internal enum RandomStream
{
    Plan = 1,
    Parent = 2,
    Name = 3,
    Taxonomy = 4,
    Credits = 5,
    Ratings = 6,
    Weights = 7,
    Plays = 8,
    Polls = 9,
    Effects = 10,
    Combinations = 11,
    Pool = 12,
    Publishers = 13,
    Integrations = 14,
}

/// <summary>
/// Deterministic randomness. Every (seed, purpose, index) triple gets its own <see cref="Random"/>,
/// so any game's rows can be regenerated on their own, in any order and on any thread, and come
/// out identical. Seeded <see cref="Random"/> uses the .NET compat algorithm, which is stable.
/// </summary>
internal static class SyntheticRandom
{
    public static Random For(int seed, RandomStream stream, long index) => new(Seed(seed, stream, index));

    public static int Seed(int seed, RandomStream stream, long index) =>
        (int)(Mix64((ulong)(uint)seed, (ulong)stream, (ulong)index) & int.MaxValue);

    /// <summary>SplitMix64 over the three inputs: a well-spread 64-bit hash.</summary>
    public static ulong Mix64(ulong a, ulong b, ulong c)
    {
        var x = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL ^ c;
        return Finalize(Finalize(x) + c * 0x94D049BB133111EBUL);
    }

    private static ulong Finalize(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>Inclusive on both ends.</summary>
    public static int Between(this Random random, int min, int max) => random.Next(min, max + 1);

    public static double Uniform(this Random random, double min, double max) => min + random.NextDouble() * (max - min);

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Box-Muller; one draw per call keeps the stream easy to reason about.</summary>
    public static double Normal(this Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Clamp(double value, double min, double max) => Math.Min(max, Math.Max(min, value));

    public static int RoundToInt(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}

/// <summary>A fixed set of values drawn with fixed relative weights.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] entries)
    {
        _values = new T[entries.Length];
        _cumulative = new double[entries.Length];
        var total = 0.0;
        for (var i = 0; i < entries.Length; i++)
        {
            total += entries[i].Weight;
            _values[i] = entries[i].Value;
            _cumulative[i] = total;
        }
    }

    public T Sample(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return _values[Math.Min(index, _values.Length - 1)];
    }
}

/// <summary>
/// Draws indexes 0..n-1 with weights given up front (e.g. Zipf-like popularity), by binary search
/// over cumulative weights.
/// </summary>
internal sealed class WeightedIndex
{
    private readonly double[] _cumulative;

    public WeightedIndex(IReadOnlyList<double> weights)
    {
        _cumulative = new double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
            _cumulative[i] = total;
        }
    }

    public static WeightedIndex Zipf(int count, double exponent)
    {
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            weights[i] = 1.0 / Math.Pow(i + 1, exponent);
        }
        return new WeightedIndex(weights);
    }

    public int Sample(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, _cumulative.Length - 1);
    }

    /// <summary>Up to <paramref name="count"/> distinct indexes, in draw order.</summary>
    public int[] SampleDistinct(Random random, int count)
    {
        count = Math.Min(count, _cumulative.Length);
        var picked = new int[count];
        var found = 0;
        var attempts = 0;
        while (found < count)
        {
            // Rejection is cheap while count is small against the pool; fall back to a scan if a
            // heavy head keeps repeating.
            var candidate = attempts++ < 64 * count ? Sample(random) : NextUnpicked(picked, found);
            if (Array.IndexOf(picked, candidate, 0, found) < 0)
            {
                picked[found++] = candidate;
            }
        }
        return picked;
    }

    private static int NextUnpicked(int[] picked, int found)
    {
        for (var i = 0; ; i++)
        {
            if (Array.IndexOf(picked, i, 0, found) < 0)
            {
                return i;
            }
        }
    }
}
