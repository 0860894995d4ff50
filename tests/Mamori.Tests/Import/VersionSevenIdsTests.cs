using System.Buffers.Binary;
using Mamori.Import;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Import;

public sealed class Ids_drawn_in_batches
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 5, 6, 7, 890, TimeSpan.Zero));

    [Fact]
    public void Are_version_7_with_the_RFC_variant_and_the_clocks_millisecond_as_Guid_CreateVersion7_makes_them()
    {
        var ids = new VersionSevenIds(_time);

        var id = ids.Next();

        var reference = Guid.CreateVersion7(_time.GetUtcNow());
        Assert.Equal(7, id.Version);
        // Guid.Variant is the whole nibble; the RFC's variant is its top two bits, 10.
        Assert.Equal(0b10, reference.Variant >> 2);
        Assert.Equal(0b10, id.Variant >> 2);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), Milliseconds(id));
        // The same text up to the random bits: the time's twelve hex digits and the version.
        Assert.Equal(reference.ToString()[..15], id.ToString()[..15]);
    }

    [Fact]
    public void Are_all_different_across_many_draws_of_random_bits()
    {
        var ids = new VersionSevenIds(_time);

        // Well past one draw of random bytes, all in the same millisecond.
        var drawn = Enumerable.Range(0, 20_000).Select(_ => ids.Next()).ToList();

        Assert.Equal(drawn.Count, drawn.Distinct().Count());
        Assert.All(drawn, id => Assert.Equal(7, id.Version));
        // Every random bit varies: the low half of byte 6 (16 values), byte 8 past the variant (64), the whole of the others.
        int Values(int i, int mask) => drawn.Select(id => id.ToByteArray(bigEndian: true)[i] & mask).Distinct().Count();
        Assert.Equal(16, Values(6, 0x0F));
        Assert.Equal(64, Values(8, 0x3F));
        Assert.All(new[] { 7, 9, 10, 11, 12, 13, 14, 15 }, i => Assert.Equal(256, Values(i, 0xFF)));
    }

    [Fact]
    public void Sort_by_time_as_text_and_as_PostgreSQL_orders_uuids()
    {
        var ids = new VersionSevenIds(_time);
        var earlier = ids.Next();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var later = ids.Next();

        Assert.True(string.CompareOrdinal(earlier.ToString(), later.ToString()) < 0);
        Assert.True(earlier.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(later.ToByteArray(bigEndian: true)) < 0);
        Assert.Equal(1, Milliseconds(later) - Milliseconds(earlier));
    }

    private static long Milliseconds(Guid id)
    {
        Span<byte> stamp = stackalloc byte[8];
        id.ToByteArray(bigEndian: true).AsSpan(0, 6).CopyTo(stamp[2..]);
        return BinaryPrimitives.ReadInt64BigEndian(stamp);
    }
}
