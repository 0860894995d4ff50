using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Mamori.Features.Policies;

/// <summary>Line-by-line comparison of two versions' text (DiffPlex).</summary>
public static class CompareVersions
{
    public enum Change
    {
        Same,
        Added,
        Removed,
    }

    public sealed record Line(Change Change, string Text);

    public static IReadOnlyList<Line> Lines(string older, string newer)
    {
        var model = InlineDiffBuilder.Diff(older, newer, ignoreWhiteSpace: false);
        return model.Lines
            .Where(l => l.Type != ChangeType.Imaginary)
            .Select(l => new Line(
                l.Type switch
                {
                    ChangeType.Inserted => Change.Added,
                    ChangeType.Deleted => Change.Removed,
                    _ => Change.Same,
                },
                l.Text))
            .ToList();
    }
}
