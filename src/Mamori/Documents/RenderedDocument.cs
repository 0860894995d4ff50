using System.Globalization;

namespace Mamori.Documents;

/// <summary>
/// A policy document with everything resolved (placeholders filled, versions chosen), ready to
/// be written as Word, PDF or Markdown. Section bodies are Markdown (CommonMark + pipe tables);
/// <paramref name="Culture"/> is the language of the labels the writers add. A document exported
/// with others is one chapter of a book (see <c>PolicyDocx</c>); its title block shows the number,
/// version, effective date, <see cref="Approver"/> and <see cref="Scope"/>.
/// </summary>
public sealed record RenderedDocument(
    string Title,
    string OrganizationName,
    string DocumentNumber,
    string Version,
    DateOnly EffectiveOn,
    string Classification,
    IReadOnlyList<RevisionRow> Revisions,
    IReadOnlyList<RoleRow> Roles,
    IReadOnlyList<DocumentSection> Sections,
    CultureInfo Culture)
{
    /// <summary>Who approved the version written (blank for a draft: the title block leaves the line to sign).</summary>
    public string Approver { get; init; } = "";

    /// <summary>適用範囲: whom and what the document applies to.</summary>
    public string Scope { get; init; } = "";
}

/// <summary>One line of 改訂履歴.</summary>
public sealed record RevisionRow(string Version, DateOnly Date, string Author, string Summary, string Approver);

/// <summary>One line of the roles table: 役職名, 役割と責任, and the people who hold it.</summary>
public sealed record RoleRow(string Title, string Responsibility, string People);

/// <summary>A heading (level 1–3) and its body in Markdown.</summary>
public sealed record DocumentSection(string Heading, int Level, string Markdown);
