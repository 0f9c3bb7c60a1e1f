using FluentValidation;
using SmpAftercare.Domain;

namespace SmpAftercare.Web.Infrastructure;

public static class SingleLineRule
{
    /// <summary>The form's side of <see cref="SingleLineText"/>: fields that end up in message headers stay on one line.</summary>
    public static IRuleBuilderOptions<T, TText> SingleLine<T, TText>(this IRuleBuilder<T, TText> rule, string what) =>
        rule.Must(value => SingleLineText.IsSingleLine(value as string)).WithMessage($"Write the {what} on one line, without line breaks or tabs.");
}
