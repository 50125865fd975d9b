using System;
using System.Globalization;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Rules.Expressions
{
    internal enum ValueKind
    {
        Bool,
        Int,
        Decimal,
        Double,
        String,
        Null,
    }

    /// <summary>A static type in the subset: a kind plus "may be null" for int and decimal.</summary>
    internal readonly struct ExprType : IEquatable<ExprType>
    {
        public ExprType(ValueKind kind, bool nullable)
        {
            Kind = kind;
            Nullable = nullable;
        }

        public ValueKind Kind { get; }
        public bool Nullable { get; }
        public bool IsNumeric => Kind == ValueKind.Int || Kind == ValueKind.Decimal || Kind == ValueKind.Double;

        public static ExprType Bool => new ExprType(ValueKind.Bool, false);
        public static ExprType String => new ExprType(ValueKind.String, false);
        public static ExprType Null => new ExprType(ValueKind.Null, true);

        public ExprType AsNullable() => new ExprType(Kind, true);

        public ExprType AsNonNullable() => new ExprType(Kind, false);

        public bool Equals(ExprType other) => Kind == other.Kind && Nullable == other.Nullable;

        public override bool Equals(object? obj) => obj is ExprType other && Equals(other);

        public override int GetHashCode() => ((int)Kind * 2) + (Nullable ? 1 : 0);

        public override string ToString() => Kind switch
        {
            ValueKind.Bool => "bool",
            ValueKind.Int => Nullable ? "int?" : "int",
            ValueKind.Decimal => Nullable ? "decimal?" : "decimal",
            ValueKind.Double => Nullable ? "double?" : "double",
            ValueKind.String => "string",
            _ => "null",
        };

        public static ExprType Of(FactType type) => type switch
        {
            FactType.Bool => Bool,
            FactType.Int => new ExprType(ValueKind.Int, false),
            FactType.NullableInt => new ExprType(ValueKind.Int, true),
            FactType.Decimal => new ExprType(ValueKind.Decimal, false),
            FactType.NullableDecimal => new ExprType(ValueKind.Decimal, true),
            _ => String,
        };
    }

    /// <summary>A runtime fault inside one rule (e.g. .Value on a missing value); the rule does not match.</summary>
    internal sealed class RuleEvaluationException : Exception
    {
        public RuleEvaluationException(string message)
            : base(message)
        {
        }
    }

    /// <summary>Values of LocalParams / GlobalParams during one evaluation.</summary>
    internal sealed class Slot
    {
        public bool Bool;
        public int? Int;
        public decimal? Decimal;
        public double? Double;
        public string? String;
    }

    internal sealed class EvalContext
    {
        public EvalContext(CustomerFacts facts, int slots)
        {
            Facts = facts;
            Slots = new Slot[slots];
            for (var i = 0; i < slots; i++) Slots[i] = new Slot();
        }

        public CustomerFacts Facts { get; }
        public Slot[] Slots { get; }
    }

    /// <summary>
    /// An evaluable node. Each node answers through the method of its static type only; the binder
    /// has already inserted every conversion, so evaluation is a plain walk of a tree whose height
    /// the parser capped.
    /// </summary>
    internal abstract class Expr
    {
        protected Expr(ExprType type)
        {
            Type = type;
        }

        public ExprType Type { get; }

        public virtual bool Bool(EvalContext c) => throw Wrong("bool");

        public virtual int? Int(EvalContext c) => throw Wrong("int");

        public virtual decimal? Decimal(EvalContext c) => throw Wrong("decimal");

        public virtual double? Double(EvalContext c) => throw Wrong("double");

        public virtual string? String(EvalContext c) => throw Wrong("string");

        private InvalidOperationException Wrong(string asked) => new InvalidOperationException("A " + Type + " node was read as " + asked + ".");
    }

    internal sealed class BoolConst : Expr
    {
        private readonly bool _value;

        public BoolConst(bool value)
            : base(ExprType.Bool) => _value = value;

        public override bool Bool(EvalContext c) => _value;
    }

    internal sealed class IntConst : Expr
    {
        private readonly int _value;

        public IntConst(int value)
            : base(new ExprType(ValueKind.Int, false)) => _value = value;

        public override int? Int(EvalContext c) => _value;
    }

    internal sealed class DecimalConst : Expr
    {
        private readonly decimal _value;

        public DecimalConst(decimal value)
            : base(new ExprType(ValueKind.Decimal, false)) => _value = value;

        public override decimal? Decimal(EvalContext c) => _value;
    }

    /// <summary>A real literal such as 1.5: double, unless its partner is decimal (Dynamic LINQ re-parses it then).</summary>
    internal sealed class DoubleConst : Expr
    {
        private readonly double _value;

        public DoubleConst(double value, string? literalText)
            : base(new ExprType(ValueKind.Double, false))
        {
            _value = value;
            LiteralText = literalText;
        }

        public string? LiteralText { get; }

        public override double? Double(EvalContext c) => _value;
    }

    internal sealed class StringConst : Expr
    {
        private readonly string _value;

        public StringConst(string value)
            : base(ExprType.String) => _value = value;

        public override string? String(EvalContext c) => _value;
    }

    internal sealed class NullConst : Expr
    {
        public NullConst(ExprType type)
            : base(type)
        {
        }

        public override int? Int(EvalContext c) => null;

        public override decimal? Decimal(EvalContext c) => null;

        public override double? Double(EvalContext c) => null;

        public override string? String(EvalContext c) => null;
    }

    internal sealed class FactRead : Expr
    {
        private readonly FactDefinition _fact;

        public FactRead(FactDefinition fact)
            : base(ExprType.Of(fact.Type)) => _fact = fact;

        public override bool Bool(EvalContext c) => _fact.ReadBool!(c.Facts);

        public override int? Int(EvalContext c) => _fact.ReadInt!(c.Facts);

        public override decimal? Decimal(EvalContext c) => _fact.ReadDecimal!(c.Facts);

        public override string? String(EvalContext c) => _fact.ReadString!(c.Facts);
    }

    internal sealed class ParamRead : Expr
    {
        private readonly int _slot;

        public ParamRead(int slot, ExprType type)
            : base(type) => _slot = slot;

        public override bool Bool(EvalContext c) => c.Slots[_slot].Bool;

        public override int? Int(EvalContext c) => c.Slots[_slot].Int;

        public override decimal? Decimal(EvalContext c) => c.Slots[_slot].Decimal;

        public override double? Double(EvalContext c) => c.Slots[_slot].Double;

        public override string? String(EvalContext c) => c.Slots[_slot].String;

        public static void Store(Expr value, Slot slot, EvalContext c)
        {
            switch (value.Type.Kind)
            {
                case ValueKind.Bool: slot.Bool = value.Bool(c); break;
                case ValueKind.Int: slot.Int = value.Int(c); break;
                case ValueKind.Decimal: slot.Decimal = value.Decimal(c); break;
                case ValueKind.Double: slot.Double = value.Double(c); break;
                case ValueKind.String: slot.String = value.String(c); break;
            }
        }
    }

    /// <summary>int → decimal / double, as C# and Expression.Convert do (lifted).</summary>
    internal sealed class Widen : Expr
    {
        private readonly Expr _operand;

        public Widen(Expr operand, ValueKind to)
            : base(new ExprType(to, operand.Type.Nullable)) => _operand = operand;

        public override decimal? Decimal(EvalContext c)
        {
            var v = _operand.Int(c);
            return v.HasValue ? v.Value : (decimal?)null;
        }

        public override double? Double(EvalContext c)
        {
            var v = _operand.Int(c);
            return v.HasValue ? v.Value : (double?)null;
        }
    }

    internal sealed class Not : Expr
    {
        private readonly Expr _operand;

        public Not(Expr operand)
            : base(ExprType.Bool) => _operand = operand;

        public override bool Bool(EvalContext c) => !_operand.Bool(c);
    }

    internal sealed class Logical : Expr
    {
        private readonly bool _isAnd;
        private readonly Expr _left;
        private readonly Expr _right;

        public Logical(bool isAnd, Expr left, Expr right)
            : base(ExprType.Bool)
        {
            _isAnd = isAnd;
            _left = left;
            _right = right;
        }

        public override bool Bool(EvalContext c) => _isAnd ? _left.Bool(c) && _right.Bool(c) : _left.Bool(c) || _right.Bool(c);
    }

    internal sealed class Negate : Expr
    {
        private readonly Expr _operand;

        public Negate(Expr operand)
            : base(operand.Type) => _operand = operand;

        public override int? Int(EvalContext c)
        {
            var v = _operand.Int(c);
            return v.HasValue ? unchecked(-v.Value) : (int?)null;
        }

        public override decimal? Decimal(EvalContext c)
        {
            var v = _operand.Decimal(c);
            return v.HasValue ? -v.Value : (decimal?)null;
        }

        public override double? Double(EvalContext c)
        {
            var v = _operand.Double(c);
            return v.HasValue ? -v.Value : (double?)null;
        }
    }

    /// <summary>+ - * / % on two operands of one numeric kind; null in, null out (C# lifted operators).</summary>
    internal sealed class Arithmetic : Expr
    {
        private readonly char _op;
        private readonly Expr _left;
        private readonly Expr _right;

        public Arithmetic(char op, Expr left, Expr right, ExprType type)
            : base(type)
        {
            _op = op;
            _left = left;
            _right = right;
        }

        public override int? Int(EvalContext c)
        {
            var a = _left.Int(c);
            var b = _right.Int(c);
            if (!a.HasValue || !b.HasValue) return null;
            var x = a.Value;
            var y = b.Value;
            return _op switch
            {
                '+' => unchecked(x + y),
                '-' => unchecked(x - y),
                '*' => unchecked(x * y),
                '/' => x / y,
                _ => x % y,
            };
        }

        public override decimal? Decimal(EvalContext c)
        {
            var a = _left.Decimal(c);
            var b = _right.Decimal(c);
            if (!a.HasValue || !b.HasValue) return null;
            var x = a.Value;
            var y = b.Value;
            return _op switch
            {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                '/' => x / y,
                _ => x % y,
            };
        }

        public override double? Double(EvalContext c)
        {
            var a = _left.Double(c);
            var b = _right.Double(c);
            if (!a.HasValue || !b.HasValue) return null;
            var x = a.Value;
            var y = b.Value;
            return _op switch
            {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                '/' => x / y,
                _ => x % y,
            };
        }
    }

    /// <summary>
    /// == != &lt; &lt;= &gt; &gt;= with C# lifted semantics: null == null is true, null == 5 is false,
    /// and every ordering comparison with a null operand is false. Strings compare ordinally.
    /// </summary>
    internal sealed class Comparison : Expr
    {
        private readonly string _op;
        private readonly Expr _left;
        private readonly Expr _right;
        private readonly ValueKind _kind;

        public Comparison(string op, Expr left, Expr right, ValueKind kind)
            : base(ExprType.Bool)
        {
            _op = op;
            _left = left;
            _right = right;
            _kind = kind;
        }

        public override bool Bool(EvalContext c)
        {
            switch (_kind)
            {
                case ValueKind.Bool:
                    var equalBools = _left.Bool(c) == _right.Bool(c);
                    return _op == "==" ? equalBools : !equalBools;
                case ValueKind.String:
                    var equalStrings = string.Equals(_left.String(c), _right.String(c), StringComparison.Ordinal);
                    return _op == "==" ? equalStrings : !equalStrings;
                case ValueKind.Null:
                    return _op == "==";
                case ValueKind.Int:
                    {
                        var a = _left.Int(c);
                        var b = _right.Int(c);
                        if (!a.HasValue || !b.HasValue) return NullOutcome(a.HasValue, b.HasValue);
                        return Decide(a.Value.CompareTo(b.Value), a.Value == b.Value);
                    }

                case ValueKind.Decimal:
                    {
                        var a = _left.Decimal(c);
                        var b = _right.Decimal(c);
                        if (!a.HasValue || !b.HasValue) return NullOutcome(a.HasValue, b.HasValue);
                        return Decide(a.Value.CompareTo(b.Value), a.Value == b.Value);
                    }

                default:
                    {
                        var a = _left.Double(c);
                        var b = _right.Double(c);
                        if (!a.HasValue || !b.HasValue) return NullOutcome(a.HasValue, b.HasValue);
                        var x = a.Value;
                        var y = b.Value;

                        // IEEE rules (NaN compares false), exactly as the C# operators.
                        return _op switch
                        {
                            "==" => x == y,
                            "!=" => x != y,
                            "<" => x < y,
                            "<=" => x <= y,
                            ">" => x > y,
                            _ => x >= y,
                        };
                    }
            }
        }

        private bool NullOutcome(bool leftHasValue, bool rightHasValue) => _op switch
        {
            "==" => !leftHasValue && !rightHasValue,
            "!=" => leftHasValue || rightHasValue,
            _ => false,
        };

        private bool Decide(int order, bool equal) => _op switch
        {
            "==" => equal,
            "!=" => !equal,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    internal sealed class Conditional : Expr
    {
        private readonly Expr _condition;
        private readonly Expr _whenTrue;
        private readonly Expr _whenFalse;

        public Conditional(Expr condition, Expr whenTrue, Expr whenFalse, ExprType type)
            : base(type)
        {
            _condition = condition;
            _whenTrue = whenTrue;
            _whenFalse = whenFalse;
        }

        public override bool Bool(EvalContext c) => _condition.Bool(c) ? _whenTrue.Bool(c) : _whenFalse.Bool(c);

        public override int? Int(EvalContext c) => _condition.Bool(c) ? _whenTrue.Int(c) : _whenFalse.Int(c);

        public override decimal? Decimal(EvalContext c) => _condition.Bool(c) ? _whenTrue.Decimal(c) : _whenFalse.Decimal(c);

        public override double? Double(EvalContext c) => _condition.Bool(c) ? _whenTrue.Double(c) : _whenFalse.Double(c);

        public override string? String(EvalContext c) => _condition.Bool(c) ? _whenTrue.String(c) : _whenFalse.String(c);
    }

    /// <summary><c>x in (a, b, c)</c>: Dynamic LINQ's <c>new[] { a, b, c }.Contains(x)</c>; a null x matches nothing.</summary>
    internal sealed class Membership : Expr
    {
        private readonly Expr _operand;
        private readonly int[] _ints;
        private readonly decimal[] _decimals;
        private readonly string[] _strings;

        public Membership(Expr operand, int[] ints, decimal[] decimals, string[] strings)
            : base(ExprType.Bool)
        {
            _operand = operand;
            _ints = ints;
            _decimals = decimals;
            _strings = strings;
        }

        public override bool Bool(EvalContext c)
        {
            switch (_operand.Type.Kind)
            {
                case ValueKind.Int:
                    var i = _operand.Int(c);
                    return i.HasValue && Array.IndexOf(_ints, i.Value) >= 0;
                case ValueKind.Decimal:
                    var d = _operand.Decimal(c);
                    if (!d.HasValue) return false;
                    foreach (var candidate in _decimals)
                    {
                        if (candidate == d.Value) return true;
                    }

                    return false;
                default:
                    var s = _operand.String(c);
                    foreach (var candidate in _strings)
                    {
                        if (string.Equals(candidate, s, StringComparison.Ordinal)) return true;
                    }

                    return false;
            }
        }
    }

    internal sealed class HasValue : Expr
    {
        private readonly Expr _operand;

        public HasValue(Expr operand)
            : base(ExprType.Bool) => _operand = operand;

        public override bool Bool(EvalContext c) => _operand.Type.Kind == ValueKind.Int ? _operand.Int(c).HasValue : _operand.Decimal(c).HasValue;
    }

    internal sealed class ValueOf : Expr
    {
        private const string Missing = "Nullable object must have a value.";
        private readonly Expr _operand;

        public ValueOf(Expr operand)
            : base(operand.Type.AsNonNullable()) => _operand = operand;

        public override int? Int(EvalContext c) => _operand.Int(c) ?? throw new RuleEvaluationException(Missing);

        public override decimal? Decimal(EvalContext c) => _operand.Decimal(c) ?? throw new RuleEvaluationException(Missing);
    }

    /// <summary>Math.Min / Math.Max / Math.Abs on non-null numbers (the overloads Dynamic LINQ picks).</summary>
    internal sealed class MathCall : Expr
    {
        private readonly string _name;
        private readonly Expr _a;
        private readonly Expr? _b;

        public MathCall(string name, Expr a, Expr? b, ExprType type)
            : base(type)
        {
            _name = name;
            _a = a;
            _b = b;
        }

        public override int? Int(EvalContext c)
        {
            var a = _a.Int(c)!.Value;
            return _name switch
            {
                "Abs" => Math.Abs(a),
                "Min" => Math.Min(a, _b!.Int(c)!.Value),
                _ => Math.Max(a, _b!.Int(c)!.Value),
            };
        }

        public override decimal? Decimal(EvalContext c)
        {
            var a = _a.Decimal(c)!.Value;
            return _name switch
            {
                "Abs" => Math.Abs(a),
                "Min" => Math.Min(a, _b!.Decimal(c)!.Value),
                _ => Math.Max(a, _b!.Decimal(c)!.Value),
            };
        }

        public override double? Double(EvalContext c)
        {
            var a = _a.Double(c)!.Value;
            return _name switch
            {
                "Abs" => Math.Abs(a),
                "Min" => Math.Min(a, _b!.Double(c)!.Value),
                _ => Math.Max(a, _b!.Double(c)!.Value),
            };
        }
    }

    internal sealed class StringCall : Expr
    {
        private const string NullReceiver = "Object reference not set to an instance of an object.";
        private readonly string _name;
        private readonly Expr _receiver;
        private readonly Expr? _argument;

        public StringCall(string name, Expr receiver, Expr? argument)
            : base(ExprType.Bool)
        {
            _name = name;
            _receiver = receiver;
            _argument = argument;
        }

        public override bool Bool(EvalContext c)
        {
            var s = _receiver.String(c);
            if (_name == "IsNullOrEmpty") return string.IsNullOrEmpty(s);
            if (s is null) throw new RuleEvaluationException(NullReceiver);
            var argument = _argument!.String(c) ?? throw new RuleEvaluationException("Value cannot be null.");

            // The same overloads the reference engine binds to (string.StartsWith(string) and
            // string.EndsWith(string) are culture-sensitive; Contains(string) is ordinal), so both engines agree.
#pragma warning disable CA1310, CA1307
            return _name switch
            {
                "StartsWith" => s.StartsWith(argument),
                "EndsWith" => s.EndsWith(argument),
                _ => s.Contains(argument),
            };
#pragma warning restore CA1310, CA1307
        }
    }

    internal static class Literal
    {
        public static decimal ParseDecimal(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

        public static double ParseDouble(string text) => double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

        public static int ParseInt(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}
