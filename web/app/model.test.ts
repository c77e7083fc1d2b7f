import { describe, expect, it } from 'vitest';
import { Model } from './model.ts';

class Counter extends Model<{ reached: number }> {
  count = 0;

  add(): void {
    this.count++;
    this._changed();
    if (this.count === 2) this._tell('reached', this.count);
  }
}

describe('Model', () => {
  it('tells its listeners of each change and of its own events with their detail', () => {
    const counter = new Counter();
    const heard: string[] = [];
    counter.listen({
      change: () => heard.push(`change ${counter.count}`),
      reached: (n) => heard.push(`reached ${n}`),
    });
    counter.add();
    counter.add();
    expect(heard).toEqual(['change 1', 'change 2', 'reached 2']);
  });

  it('stops telling a listener once it has stopped listening', () => {
    const counter = new Counter();
    let changes = 0;
    const stop = counter.listen({ change: () => changes++ });
    counter.add();
    stop();
    counter.add();
    expect(changes).toBe(1);
  });
});
