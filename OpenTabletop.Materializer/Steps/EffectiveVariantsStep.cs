using OpenTabletop.Data.Variants;
using OpenTabletop.Materializer.Pipeline;

namespace OpenTabletop.Materializer.Steps;

/// <summary>
/// Rebuilds the effective variants (<c>game_variants</c>, the precomputed input of effective-mode
/// filtering) of the games whose weight or player counts the run changed: of what the pipeline
/// writes, only those feed a variant. Same transaction, so the variants never disagree with the
/// games they describe. Returns the variant rows deleted or inserted.
/// </summary>
internal sealed class EffectiveVariantsStep : IPipelineStep
{
    public string Name => "effective_variants";

    public async Task<long?> RunAsync(PipelineContext context, CancellationToken ct)
    {
        var games = new List<Guid>();
        await using (var command = context.Command("SELECT id FROM mat_variant_scope"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) games.Add(reader.GetGuid(0));
        }
        if (games.Count == 0) return 0;
        return (await EffectiveVariants.RefreshAsync(context.Connection, games, ct)).Changed;
    }
}
