using Mamori.Domain.Organizations;

namespace Mamori.Domain.Baseline;

/// <summary>The four answers of the 自社診断, worth their points.</summary>
public enum DiagnosisAnswer
{
    /// <summary>わからない: −1, so not knowing costs more than not doing.</summary>
    Unknown = -1,

    /// <summary>実施していない</summary>
    NotDone = 0,

    /// <summary>一部実施している</summary>
    Partly = 2,

    /// <summary>実施している</summary>
    Done = 4,
}

/// <summary>Where a total score falls.</summary>
public enum DiagnosisBand
{
    /// <summary>49 or less: an incident could happen any time.</summary>
    Danger = 1,

    /// <summary>50–69: measures are insufficient.</summary>
    Insufficient = 2,

    /// <summary>70–99: some measures are insufficient.</summary>
    Partial = 3,

    /// <summary>100: the entry level is achieved.</summary>
    Complete = 4,
}

/// <summary>The 自社診断's scoring: 25 items of 4 points, 100 at most.</summary>
public static class DiagnosisScore
{
    public const int ItemCount = 25;
    public const int Maximum = ItemCount * (int)DiagnosisAnswer.Done;

    /// <summary>The sum of the answers' points.</summary>
    public static int Of(IEnumerable<DiagnosisAnswer> answers) => answers.Sum(a => (int)a);

    public static DiagnosisBand BandOf(int score) => score switch
    {
        >= Maximum => DiagnosisBand.Complete,
        >= 70 => DiagnosisBand.Partial,
        >= 50 => DiagnosisBand.Insufficient,
        _ => DiagnosisBand.Danger,
    };

    /// <summary>
    /// Several departments' answers to one item combined: the weakest answer counts, because
    /// an item is only as done as in the department that does it least.
    /// </summary>
    public static DiagnosisAnswer Combine(IEnumerable<DiagnosisAnswer> answers) =>
        answers.DefaultIfEmpty(DiagnosisAnswer.Unknown).Min();
}

/// <summary>One department's (or person's) answers to the 25 items, on one day.</summary>
public sealed class DiagnosisResponse : IBelongsToOrganization
{
    public DiagnosisResponse(Guid organizationId, string department, string respondent, DateTimeOffset answeredAt)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Department = department;
        Respondent = respondent;
        AnsweredAt = answeredAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>部署, or the whole company.</summary>
    public string Department { get; set; }

    public string Respondent { get; set; }

    public DateTimeOffset AnsweredAt { get; private set; }

    /// <summary>Answers by item number (1–25).</summary>
    public Dictionary<int, DiagnosisAnswer> Answers { get; private set; } = [];

    public bool IsComplete => Enumerable.Range(1, DiagnosisScore.ItemCount).All(Answers.ContainsKey);

    public int Score => DiagnosisScore.Of(Answers.Values);

    public DiagnosisBand Band => DiagnosisScore.BandOf(Score);
}
