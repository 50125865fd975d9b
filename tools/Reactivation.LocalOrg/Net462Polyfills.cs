#if NET462
// .NET Framework 4.6.2 lacks the attributes that C# init-only setters, required members and nullable flow analysis
// need at compile time; the compiler only looks them up by name, so internal declarations here are enough. They
// exist for the sandbox stories (tests/), which run this organisation on net462 under Mono.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
    internal sealed class RequiredMemberAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
    {
        public string ParameterName { get; } = parameterName;
    }

    [AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
    internal sealed class CompilerFeatureRequiredAttribute(string featureName) : Attribute
    {
        public string FeatureName { get; } = featureName;
    }
}

namespace System.Diagnostics.CodeAnalysis
{
    [AttributeUsage(AttributeTargets.Constructor, Inherited = false)]
    internal sealed class SetsRequiredMembersAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue, Inherited = false)]
    internal sealed class NotNullAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    internal sealed class NotNullWhenAttribute(bool returnValue) : Attribute
    {
        public bool ReturnValue { get; } = returnValue;
    }
}

namespace System
{
    // The throw helpers and path/string members newer frameworks have; C# 14 extension members let the shared
    // sources call them unchanged.
    internal static class Net462ThrowHelpers
    {
        extension(ArgumentNullException)
        {
            public static void ThrowIfNull([Diagnostics.CodeAnalysis.NotNull] object? argument, [Runtime.CompilerServices.CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                if (argument is null)
                {
                    throw new ArgumentNullException(paramName);
                }
            }
        }

        extension(ArgumentException)
        {
            public static void ThrowIfNullOrEmpty([Diagnostics.CodeAnalysis.NotNull] string? argument, [Runtime.CompilerServices.CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                ArgumentNullException.ThrowIfNull(argument, paramName);
                if (argument.Length == 0)
                {
                    throw new ArgumentException("The value cannot be an empty string.", paramName);
                }
            }
        }

        extension(StringSplitOptions)
        {
            /// <summary>The value .NET Core 3+ gives it; <see cref="Net462Strings.Split"/> honours it.</summary>
            public static StringSplitOptions TrimEntries => (StringSplitOptions)2;
        }

        extension(IO.Path)
        {
            public static string GetRelativePath(string relativeTo, string path)
            {
                var separator = IO.Path.DirectorySeparatorChar.ToString();
                var root = new Uri(relativeTo.EndsWith(separator, StringComparison.Ordinal) ? relativeTo : relativeTo + separator);
                var relative = root.MakeRelativeUri(new Uri(path)).ToString();
                return Uri.UnescapeDataString(relative).Replace('/', IO.Path.DirectorySeparatorChar);
            }
        }
    }

    internal static class Net462Strings
    {
        public static bool StartsWith(this string text, char value) => text.Length > 0 && text[0] == value;

        public static int IndexOf(this string text, char value, StringComparison comparison) =>
            text.IndexOf(value.ToString(), comparison);

        public static string[] Split(this string text, char separator, StringSplitOptions options)
        {
            var trim = (options & StringSplitOptions.TrimEntries) != 0;
            var removeEmpty = (options & StringSplitOptions.RemoveEmptyEntries) != 0;
            var parts = text.Split(separator);
            return [.. parts.Select(part => trim ? part.Trim() : part).Where(part => !removeEmpty || part.Length > 0)];
        }
    }
}

namespace System.Linq
{
    internal static class Net462Enumerable
    {
        public static IOrderedEnumerable<T> Order<T>(this IEnumerable<T> source, IComparer<T> comparer) =>
            source.OrderBy(item => item, comparer);
    }
}

namespace System.Collections.Generic
{
    internal static class Net462Collections
    {
        public static bool TryAdd<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key, TValue value)
            where TKey : notnull
        {
            if (dictionary.ContainsKey(key))
            {
                return false;
            }

            dictionary.Add(key, value);
            return true;
        }

        public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
        {
            key = pair.Key;
            value = pair.Value;
        }
    }
}
#endif
