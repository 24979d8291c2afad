import { ScannedItem, scanLabelSelector, Token } from './label-lexer.js';
import { BINARY_OPERATORS, compareStrings, LabelOperator, LabelRequirement, labelKeyError, newRequirement, SelectorError } from './label-requirement.js';

/** In a value position, `in` and `notin` are plain identifiers. */
enum Context {
  KeyAndOperator,
  Values,
}

const OPERATOR_TOKENS = new Map<Token, LabelOperator>([
  [Token.In, 'in'],
  [Token.Equals, '='],
  [Token.DoubleEquals, '=='],
  [Token.GreaterThan, 'gt'],
  [Token.LessThan, 'lt'],
  [Token.NotIn, 'notin'],
  [Token.NotEquals, '!='],
]);

/**
 * A recursive-descent parser equivalent to apimachinery's labels.Parse; throws SelectorError
 * with the same messages. Requirements come back sorted by key (stable).
 */
export function parseLabelRequirements(selector: string): LabelRequirement[] {
  const requirements = new RequirementParser(scanLabelSelector(selector)).parse();
  return requirements.sort((a, b) => compareStrings(a.key, b.key));
}

class RequirementParser {
  private position = 0;

  constructor(private readonly items: ScannedItem[]) {}

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead(Context.Values);
      if (token === Token.EndOfString) return requirements;
      if (token !== Token.Identifier && token !== Token.DoesNotExist) {
        throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.requirement());
      const next = this.consume(Context.Values);
      if (next.token === Token.EndOfString) return requirements;
      if (next.token !== Token.Comma) throw new SelectorError(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead(Context.Values);
      if (after.token !== Token.Identifier && after.token !== Token.DoesNotExist) {
        throw new SelectorError(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    try {
      const { key, operator } = this.keyAndInferredOperator();
      if (operator) return newRequirement(key, operator, []);
      const binary = this.operator();
      const values = binary === 'in' || binary === 'notin' ? this.valueSet() : this.exactValue();
      return newRequirement(key, binary, [...values].sort(compareStrings));
    } catch (error) {
      if (error instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${error.message}`);
      throw error;
    }
  }

  private keyAndInferredOperator(): { key: string; operator?: LabelOperator } {
    let { token, literal } = this.consume(Context.Values);
    const negated = token === Token.DoesNotExist;
    if (negated) ({ token, literal } = this.consume(Context.Values));
    if (token !== Token.Identifier) throw new SelectorError(`found '${literal}', expected: identifier`);
    const keyError = labelKeyError(literal, '<nil>');
    if (keyError) throw new SelectorError(keyError);
    const next = this.lookahead(Context.Values).token;
    if (negated) return { key: literal, operator: '!' };
    return { key: literal, operator: next === Token.EndOfString || next === Token.Comma ? 'exists' : undefined };
  }

  private operator(): LabelOperator {
    const { token, literal } = this.consume(Context.KeyAndOperator);
    const operator = OPERATOR_TOKENS.get(token);
    if (!operator) throw new SelectorError(`found '${literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    return operator;
  }

  /** `(a,b,,c)`: a possibly empty, comma separated set; `()` is the set of the empty string. */
  private valueSet(): Set<string> {
    const open = this.consume(Context.Values);
    if (open.token !== Token.OpenPar) throw new SelectorError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead(Context.Values);
    if (token === Token.ClosedPar) {
      this.consume(Context.Values);
      return new Set(['']);
    }
    if (token !== Token.Identifier && token !== Token.Comma) throw new SelectorError(`found '${literal}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    if (this.consume(Context.Values).token !== Token.ClosedPar) throw new SelectorError(`found '${literal}', expected: ')'`);
    return values;
  }

  private identifierList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume(Context.Values);
      if (token === Token.Identifier) {
        values.add(literal);
        const next = this.lookahead(Context.Values);
        if (next.token === Token.Comma) continue;
        if (next.token === Token.ClosedPar) return values;
        throw new SelectorError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token !== Token.Comma) throw new SelectorError(`found '${literal}', expected: ',', or identifier`);
      if (values.size === 0) values.add('');
      const next = this.lookahead(Context.Values).token;
      if (next === Token.ClosedPar) {
        values.add('');
        return values;
      }
      if (next === Token.Comma) {
        this.consume(Context.Values);
        values.add('');
      }
    }
  }

  private exactValue(): Set<string> {
    const next = this.lookahead(Context.Values).token;
    if (next === Token.EndOfString || next === Token.Comma) return new Set(['']);
    const { token, literal } = this.consume(Context.Values);
    if (token !== Token.Identifier) throw new SelectorError(`found '${literal}', expected: identifier`);
    return new Set([literal]);
  }

  private lookahead(context: Context): ScannedItem {
    return this.asContext(this.items[this.position], context);
  }

  private consume(context: Context): ScannedItem {
    return this.asContext(this.items[this.position++], context);
  }

  private asContext(item: ScannedItem, context: Context): ScannedItem {
    const keyword = item.token === Token.In || item.token === Token.NotIn;
    return context === Context.Values && keyword ? { token: Token.Identifier, literal: item.literal } : item;
  }
}
