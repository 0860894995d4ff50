using Mamori.Domain.Organizations;

namespace Mamori;

/// <summary>
/// Dates as the organization reads them. Instants are stored in UTC; today's date, whether a due
/// date has passed, the next review date and every date shown or written into a document are
/// taken in the organization's time zone (Asia/Tokyo unless the organization has its own), never
/// in the zone of the server the code happens to run on.
/// </summary>
public static class OrganizationTime
{
    public const string DefaultTimeZoneId = "Asia/Tokyo";

    /// <summary>Japan Standard Time: the host's Asia/Tokyo, or a fixed UTC+9 (Japan keeps no daylight saving time) on a host without time zone data.</summary>
    public static TimeZoneInfo DefaultTimeZone { get; } =
        TimeZoneInfo.TryFindSystemTimeZoneById(DefaultTimeZoneId, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZoneId, TimeSpan.FromHours(9), "Japan Standard Time", "Japan Standard Time");

    /// <summary>
    /// The zone <paramref name="organization"/> works in. Every organization is on the default
    /// zone until the organization's profile carries one; null (an account's own pages) is the default too.
    /// </summary>
    public static TimeZoneInfo TimeZoneOf(Organization? organization) => DefaultTimeZone;

    /// <summary>Today's date in <paramref name="organization"/>'s time zone.</summary>
    public static DateOnly Today(this TimeProvider time, Organization? organization) => time.GetUtcNow().LocalDate(organization);

    /// <summary><paramref name="instant"/> on <paramref name="organization"/>'s clock, to show it.</summary>
    public static DateTimeOffset LocalTime(this DateTimeOffset instant, Organization? organization) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneOf(organization));

    /// <summary>The date <paramref name="instant"/> falls on in <paramref name="organization"/>'s time zone.</summary>
    public static DateOnly LocalDate(this DateTimeOffset instant, Organization? organization) =>
        DateOnly.FromDateTime(instant.LocalTime(organization).DateTime);
}
