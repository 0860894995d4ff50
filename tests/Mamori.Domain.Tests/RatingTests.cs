using Mamori.Domain.Risk;

namespace Mamori.Domain.Tests;

public class Rating_accepts_only_one_to_three
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void From_keeps_the_value(int value) => Assert.Equal(value, Rating.From(value).Value);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void From_refuses_anything_else(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rating.From(value));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void TryFrom_says_whether_the_value_is_a_rating(int value, bool expected) =>
        Assert.Equal(expected, Rating.TryFrom(value, out _));

    [Fact]
    public void The_default_rating_is_one_never_zero() => Assert.Equal(1, default(Rating).Value);

    [Fact]
    public void Ratings_order_by_value()
    {
        Assert.True(Rating.Low < Rating.Medium);
        Assert.True(Rating.High > Rating.Medium);
        Assert.Equal(Rating.High, Rating.Max(Rating.Medium, Rating.High));
    }
}
