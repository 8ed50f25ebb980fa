// What TypeScript needs to accept <vitrine-table> and <vitrine-map> in JSX: React's types know only
// the standard HTML tags. Props named like a property of the element take that property's type
// (React 19 assigns them to the property); the others are attributes, written as text.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { VitrineErrorEvent, VitrineLoadEvent, VitrineSelectEvent } from 'vitrine';
import type { VitrineMap } from 'vitrine/map';
import type { VitrineTable } from 'vitrine/table';

/** Props every data element shares, with its events (React 19: `on` + the event's exact name). */
type VitrineProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  Partial<Pick<VitrineTable & VitrineMap, 'src' | 'source' | 'label' | 'filter' | 'proxy' | 'server'>> & {
    'onvitrine-load'?: (event: VitrineLoadEvent) => void;
    'onvitrine-error'?: (event: VitrineErrorEvent) => void;
    'onvitrine-select'?: (event: VitrineSelectEvent) => void;
  };

type TableProps = VitrineProps<VitrineTable> &
  Partial<Pick<VitrineTable, 'columnsShown' | 'sort' | 'search' | 'facets' | 'bars' | 'colors' | 'download'>> & {
    /** The columns to show: a list as in the attribute, or an array (React assigns the property). */
    columns?: string | readonly string[];
    'page-size'?: number | 'all';
    totals?: string;
  };

type MapProps = VitrineProps<VitrineMap> &
  Partial<Pick<VitrineMap, 'tiles' | 'areas' | 'join' | 'value' | 'popup' | 'cluster' | 'center' | 'zoom'>> & {
    'color-by'?: string;
    'size-by'?: string;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'vitrine-table': TableProps;
      'vitrine-map': MapProps;
    }
  }
}
